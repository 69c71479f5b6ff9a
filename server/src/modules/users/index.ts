export { usersRoutes } from './users.routes.js';
export { buildUser, FACTORY_PASSWORD } from './users.factory.js';
