export { authPlugin, actorOf, requireUser, SESSION_COOKIE } from './auth.routes.js';
export { hashPassword, passwordProblem } from './password.js';
