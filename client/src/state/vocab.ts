/**
 * The closed vocabularies the client enumerates, as plain arrays. cypher/schema.ts is the single
 * declaration, but importing its values would bundle zod into the page (~60 kB gzip), so these are
 * listed again and checked against schema.ts's types at compile time: a value added there and
 * missing here fails `npm run typecheck`.
 */
import type { ActorType, PositionStance, Stance } from '../../../cypher/schema.ts';

type Exhaustive<Declared, Listed> = [Exclude<Declared, Listed>] extends [never] ? true : { missing: Exclude<Declared, Listed> };

export const ACTOR_TYPES = ['person', 'organization', 'country', 'group', 'anonymous'] as const satisfies readonly ActorType[];
export const STANCES = ['support', 'oppose', 'neutral'] as const satisfies readonly Stance[];
export const POSITION_STANCES = ['support', 'oppose', 'mixed', 'neutral'] as const satisfies readonly PositionStance[];

const actorTypesComplete: Exhaustive<ActorType, (typeof ACTOR_TYPES)[number]> = true;
const stancesComplete: Exhaustive<Stance, (typeof STANCES)[number]> = true;
const positionStancesComplete: Exhaustive<PositionStance, (typeof POSITION_STANCES)[number]> = true;
void [actorTypesComplete, stancesComplete, positionStancesComplete];
