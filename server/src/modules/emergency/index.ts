/** Emergency mode (平战结合). Other modules import only from here. */
export { activeEmergenciesAt, isWartime, isWartimeUnit, type ActiveEmergencyRef, type ActiveOptions } from './wartime.js';
