import { z } from 'zod';
import { isoDate, isoDateTime, optionalText, id, int32, text } from '../core/schemas.ts';
import { PERIOD_RE } from './rules.ts';

const count = int32(0, 10_000_000);

export const Period = z.string().regex(PERIOD_RE, 'period');

/** One agency's report for a quarter. */
export const IndicatorReport = z.object({
  servers: count,
  workstations: count,
  protectedEndpoints: count,
  antimalwareProduct: optionalText(200),
  antimalwareConsole: optionalText(200),
  staffTotal: count,
  staffTrained: count,
  trainingSessions: count.default(0),
  layerOnsite: z.boolean(),
  layerOnsiteTeam: optionalText(300),
  layerMonitoring: z.boolean(),
  layerMonitoringProviderId: id().nullable().optional(),
  layerAssessor: z.boolean(),
  layerAssessorId: id().nullable().optional(),
  layerNational: z.boolean(),
  layerNationalConnectedOn: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
  cleanCyberspace: z.boolean(),
  pdpSelfAssessment: z.boolean(),
  note: optionalText(2000),
}).refine((r) => r.protectedEndpoints <= r.servers + r.workstations, { path: ['protectedEndpoints'], message: 'protected' })
  .refine((r) => r.staffTrained <= r.staffTotal, { path: ['staffTrained'], message: 'trained' });

export const BudgetInput = z.object({
  year: int32(2015, 2100),
  name: text(300, 3),
  kind: z.enum(['plan', 'project']),
  totalAmount: z.int().min(1).max(1e15),
  securityAmount: z.int().min(0).max(1e15),
  note: optionalText(1000),
}).refine((b) => b.securityAmount <= b.totalAmount, { path: ['securityAmount'], message: 'security' });

export const EndpointRow = z.object({
  hostname: text(253),
  os: optionalText(200),
  agentVersion: optionalText(100),
  lastSeen: isoDateTime.optional(),
});

export const CountsPush = z.object({
  servers: count,
  workstations: count,
  protectedEndpoints: count,
  product: optionalText(200),
  console: optionalText(200),
});
