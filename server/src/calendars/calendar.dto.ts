/** Bodies and answers of `/api/calendars/{tenantId}`. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Office hours: ISO weekdays (1 = Monday … 7 = Sunday) and local opening and closing times. */
export class OfficeHoursDto {
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] })
  @IsArray({ message: 'officeHours.days must be a list of ISO weekdays' })
  @ArrayMaxSize(7)
  @IsInt({ each: true, message: 'officeHours.days must be whole numbers 1-7' })
  @Min(1, { each: true, message: 'officeHours.days must be whole numbers 1-7' })
  @Max(7, { each: true, message: 'officeHours.days must be whole numbers 1-7' })
  days!: number[];

  @ApiProperty({ example: '09:00' })
  @Matches(HH_MM, { message: 'officeHours.start must be a time HH:mm' })
  start!: string;

  @ApiProperty({ example: '17:00' })
  @Matches(HH_MM, { message: 'officeHours.end must be a time HH:mm' })
  end!: string;
}

/** `PUT /api/calendars/{tenantId}`: the whole calendar of an organisation (omitted fields take the defaults). */
export class PutCalendarDto {
  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone; default Europe/London' })
  @IsOptional()
  @IsString({ message: 'timeZone must be an IANA time zone such as Europe/London' })
  timeZone?: string;

  @ApiPropertyOptional({ enum: ['ENG', 'SCT', 'NIR'], description: 'Bank holidays: England & Wales, Scotland, Northern Ireland; default ENG' })
  @IsOptional()
  @IsIn(['ENG', 'SCT', 'NIR'], { message: 'region must be ENG, SCT or NIR' })
  region?: 'ENG' | 'SCT' | 'NIR';

  @ApiPropertyOptional({ type: OfficeHoursDto, description: 'Default Monday-Friday 09:00-17:00' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfficeHoursDto)
  officeHours?: OfficeHoursDto;

  @ApiPropertyOptional({ type: [String], example: ['2026-12-24'], description: 'Extra closure days (YYYY-MM-DD); default none' })
  @IsOptional()
  @IsArray({ message: 'closures must be a list of dates YYYY-MM-DD' })
  @ArrayMaxSize(1000)
  @Matches(ISO_DAY, { each: true, message: 'closures must be dates YYYY-MM-DD' })
  closures?: string[];
}

/** `POST /api/calendars/{tenantId}/closures`: one closure day. */
export class ClosureDayDto {
  @ApiProperty({ example: '2026-12-24' })
  @Matches(ISO_DAY, { message: 'date must be a date YYYY-MM-DD' })
  date!: string;
}

/** An organisation's calendar as the API shows it. */
export interface CalendarDto {
  tenantId: string;
  timeZone: string;
  region: 'ENG' | 'SCT' | 'NIR';
  officeHours: { days: number[]; start: string; end: string };
  closures: string[];
  /** False when the organisation has no calendar of its own and the defaults apply. */
  configured: boolean;
}
