export { worklistsRoutes } from './worklists.routes.js';
