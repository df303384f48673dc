/** Bodies of managers' actions: each needs a reason, which the case timeline shows. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, ValidateBy, ValidateIf } from 'class-validator';
import { isCamundaDate } from '../engine-rest/camunda-date';

/** The longest reason kept (a few sentences). */
export const MAX_REASON = 2000;

export class ReasonDto {
  @ApiProperty({ description: 'Why (shown in the case timeline; stored encrypted)' })
  @IsString()
  @Length(1, MAX_REASON, { message: `reason must be 1 to ${MAX_REASON} characters` })
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ description: 'Why (shown in the case timeline; stored encrypted)' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_REASON, { message: `reason must be 1 to ${MAX_REASON} characters` })
  reason?: string;
}

export class ChangeDueDto extends ReasonDto {
  @ApiProperty({ nullable: true, description: 'The new due date (ISO 8601), or null for none', example: '2026-11-24T17:00:00.000Z' })
  @ValidateIf((_o, value) => value !== null)
  @ValidateBy({
    name: 'isDate',
    validator: {
      validate: (value: unknown) => isCamundaDate(value),
      defaultMessage: () => 'due must be a date (ISO 8601) or null',
    },
  })
  due!: string | null;
}

export class ReassignDto extends ReasonDto {
  @ApiProperty({ description: 'The username of a colleague of your organisation' })
  @IsString()
  @Length(1, 200)
  userId!: string;
}
