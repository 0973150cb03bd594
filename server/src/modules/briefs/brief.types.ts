import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { GraphQLJSON } from 'graphql-scalars';
import { DATA_ACCESS, DATA_QUALITY, OWNER_PARTY, SEVERITIES } from '@brieflock/schema';

const enumOf = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };

export const DataQualityEnum = enumOf(DATA_QUALITY);
export const DataAccessEnum = enumOf(DATA_ACCESS);
export const OwnerPartyEnum = enumOf(OWNER_PARTY);
export const SeverityEnum = enumOf(SEVERITIES);
registerEnumType(DataQualityEnum, { name: 'DataQuality' });
registerEnumType(DataAccessEnum, { name: 'DataAccess' });
registerEnumType(OwnerPartyEnum, { name: 'OwnerParty' });
registerEnumType(SeverityEnum, { name: 'Severity', description: 'BLOCKER checks must pass before a freeze.' });

@ObjectType({ description: 'A rich-text section.' })
export class RichText {
  @Field(() => String, { description: 'Plain text, one line per paragraph or list item.' }) text!: string;
  @Field(() => GraphQLJSON, { description: 'ProseMirror-style JSON nodes of the section.' }) content!: unknown;
}

@ObjectType()
export class SuccessMetric {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) baseline!: string;
  @Field(() => String) target!: string;
  @Field(() => String) measurement!: string;
}

@ObjectType()
export class Deliverable {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => String) acceptance!: string;
}

@ObjectType()
export class DataReadiness {
  @Field(() => String) sources!: string;
  @Field(() => DataQualityEnum, { nullable: true }) quality!: string | null;
  @Field(() => DataAccessEnum, { nullable: true }) access!: string | null;
  @Field(() => String) owner!: string;
  @Field(() => String) notes!: string;
}

@ObjectType()
export class TeamMember {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) role!: string;
  @Field(() => String) responsibility!: string;
  @Field(() => String) member!: string;
}

@ObjectType()
export class Milestone {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) title!: string;
  @Field(() => String, {
    nullable: true,
    description: 'ISO date (YYYY-MM-DD) as written; readiness flags invalid ones.',
  })
  dueDate!: string | null;
  @Field(() => String) acceptanceCriteria!: string;
  @Field(() => Int, { nullable: true }) revisionRounds!: number | null;
  @Field(() => String) payment!: string;
}

@ObjectType()
export class Ownership {
  @Field(() => OwnerPartyEnum, { nullable: true }) ipOwner!: string | null;
  @Field(() => OwnerPartyEnum, { nullable: true }) modelOwner!: string | null;
  @Field(() => String) confidentiality!: string;
  @Field(() => String) dataUse!: string;
  @Field(() => String) license!: string;
}

@ObjectType()
export class Communication {
  @Field(() => String) cadence!: string;
  @Field(() => String) channel!: string;
  @Field(() => String) responseTime!: string;
  @Field(() => String) escalation!: string;
}

@ObjectType({ description: 'The brief, one field per section key (see schema/src/brief.ts).' })
export class Brief {
  @Field(() => RichText) outcome!: RichText;
  @Field(() => [SuccessMetric]) successMetrics!: SuccessMetric[];
  @Field(() => RichText) scope!: RichText;
  @Field(() => RichText) outOfScope!: RichText;
  @Field(() => [Deliverable]) deliverables!: Deliverable[];
  @Field(() => DataReadiness) dataReadiness!: DataReadiness;
  @Field(() => RichText) validation!: RichText;
  @Field(() => [TeamMember]) team!: TeamMember[];
  @Field(() => [Milestone]) milestones!: Milestone[];
  @Field(() => Ownership) ownership!: Ownership;
  @Field(() => Communication) communication!: Communication;
}

@ObjectType()
export class ReadinessCheck {
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'BLOCKER, WARNING or INFO.' }) severity!: string;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => String) message!: string;
  @Field(() => String, { description: 'The section key to fix it in.' }) section!: string;
}

@ObjectType({ description: 'The brief checked against the missteps; BLOCKER failures prevent a freeze.' })
export class Readiness {
  @Field(() => Boolean) ready!: boolean;
  @Field(() => Int, { description: '0–100, weighted by severity.' }) score!: number;
  @Field(() => [ReadinessCheck]) checks!: ReadinessCheck[];
}
