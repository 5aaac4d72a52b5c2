import { PACK_KIND_DEFINITIONS, type PackKindDefinition } from '../../shared/domain/pack-kinds';
import type { PackInput } from './pack-input';

export { PACK_KIND_DEFINITIONS, type PackKindDefinition };

/** The kind of document an input builds (the evidence pack unless it says otherwise). */
export function packKind(input: Pick<PackInput, 'options'>): PackKindDefinition {
  return PACK_KIND_DEFINITIONS[input.options.kind ?? 'evidence-pack'];
}
