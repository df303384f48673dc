/** Requests of the inbox and task page API (`/api/inbox`, `/api/startable`, `/api/cases`, `/api/tasks`). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Max, MaxLength } from 'class-validator';
import { OptInt, OptObject, OptString } from '../engine-rest/validation';
import { DUE_WINDOWS, INBOX_VIEWS, type DueWindow, type InboxView } from './inbox-query';

/** The largest page the inbox answers. */
export const MAX_PAGE = 200;

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: INBOX_VIEWS, description: 'mine (default), team, or all (managers)' })
  @IsOptional()
  @IsIn(INBOX_VIEWS as unknown as string[], { message: 'view must be one of mine, team, all' })
  view?: InboxView;

  @OptString('Only tasks of this process (key)')
  processKey?: string;

  @OptString('Only tasks of this step (task definition key)')
  taskKey?: string;

  @ApiPropertyOptional({ enum: DUE_WINDOWS, description: 'overdue, or due by the end of today / within a week (overdue included)' })
  @IsOptional()
  @IsIn(DUE_WINDOWS as unknown as string[], { message: 'dueWithin must be one of overdue, today, week' })
  dueWithin?: DueWindow;

  @OptInt('Index of the first task (default 0)', 0)
  firstResult?: number;

  @OptInt(`Tasks per page (default 50, at most ${MAX_PAGE})`, 0)
  @Max(MAX_PAGE)
  maxResults?: number;
}

export class AssignDto {
  @ApiProperty({ description: 'The username of a colleague of your organisation' })
  @IsString()
  @Length(1, 200)
  userId!: string;
}

export class StartCaseDto {
  @ApiProperty({ description: 'The key of the process to start (its latest version)' })
  @IsString()
  @Length(1, 200)
  processKey!: string;

  @OptObject('The start form\'s answers: name → plain JSON value')
  variables?: Record<string, unknown>;

  @OptString('The case reference (business key)')
  @MaxLength(255)
  businessKey?: string;

  @OptString('Which start event (default: the none start event, else the first message start event)')
  startEventId?: string;
}

export class FormValuesDto {
  @OptObject('The form\'s answers: field key → plain JSON value')
  values?: Record<string, unknown>;
}
