export { departmentsRoutes } from './departments.routes.js';
