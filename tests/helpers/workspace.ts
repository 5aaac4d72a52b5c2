import { join } from 'node:path';
import { Workspace } from '../../main/workspace/workspace';
import { SHIPPED_CATALOGUE } from '../../main/catalogue/shipped-catalogue';

export function createWorkspace(parentDir: string, areaName = 'Testshire', user = 'Test Officer'): string {
  return Workspace.create({ folder: join(parentDir, `${areaName}.sendpack`), areaName, laCode: '841', user,
    catalogue: SHIPPED_CATALOGUE }).folder;
}
