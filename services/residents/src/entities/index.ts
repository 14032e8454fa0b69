import { residentsAccessEntities } from '../access/index.js';
import { Building } from './building.js';
import { Grid } from './grid.js';
import { Household } from './household.js';
import { Resident } from './resident.js';

export { Building, Grid, Household, Resident };
/** Explicit entity list (no path globs): the same config works from src under vitest and from dist. */
export const residentsEntities = [Grid, Building, Household, Resident, ...residentsAccessEntities];
