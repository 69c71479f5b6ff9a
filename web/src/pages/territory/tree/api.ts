export { fetchChildren, fetchRoots, searchUnits, unitKeys } from '../../../api/territory';
