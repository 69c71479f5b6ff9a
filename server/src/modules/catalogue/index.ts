export { catalogueRoutes } from './catalogue.routes.js';
export { assertAdmitted, departmentFor, getCategory, type Category, type DepartmentRef } from './catalogue.service.js';
export { ackDueAt, dueAt, isWorkingDay, loadCalendar, responseDueAt, shanghaiDay, type WorkCalendar } from './deadlines.js';
