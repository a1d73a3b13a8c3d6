// Personnel's versions of the shared rule-set types, by their short names.
global using RuleSets = RedSail.BuildingBlocks.Rules.RuleSets<RedSail.Modules.Personnel.Domain.PersonnelRules>;
global using RuleSetVersion = RedSail.BuildingBlocks.Rules.RuleSetVersion<RedSail.Modules.Personnel.Domain.PersonnelRules>;
