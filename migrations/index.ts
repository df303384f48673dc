import type { MigrationInterface } from 'typeorm';
import { EngineSchema1764000000000 } from './1764000000000-EngineSchema';
import { RuntimeRowDetails1764000000001 } from './1764000000001-RuntimeRowDetails';
import { Deadlines1764000000002 } from './1764000000002-Deadlines';
import { Identity1764000000003 } from './1764000000003-Identity';
import { DecisionDefinitions1764000000004 } from './1764000000004-DecisionDefinitions';
import { ProcessLibrary1764000000005 } from './1764000000005-ProcessLibrary';
import { Inbox1764000000006 } from './1764000000006-Inbox';
import { Training1764000000007 } from './1764000000007-Training';
import { ActivityOrder1764000000008 } from './1764000000008-ActivityOrder';

/**
 * Every migration, oldest first. Listed explicitly so the same list works from ts-jest (.ts) and
 * from the compiled server (dist/server/migrations/*.js). Add each new migration here.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [EngineSchema1764000000000, RuntimeRowDetails1764000000001, Deadlines1764000000002, Identity1764000000003, DecisionDefinitions1764000000004, ProcessLibrary1764000000005, Inbox1764000000006, Training1764000000007, ActivityOrder1764000000008];
