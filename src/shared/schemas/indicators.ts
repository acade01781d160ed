import { z } from 'zod';
import { isoDate, optionalText } from './common.ts';
import { PERIOD_RE } from '../indicators.ts';

const count = z.number().int().min(0).max(10_000_000);

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
  layerMonitoringProviderId: z.number().int().positive().nullable().optional(),
  layerAssessor: z.boolean(),
  layerAssessorId: z.number().int().positive().nullable().optional(),
  layerNational: z.boolean(),
  layerNationalConnectedOn: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
  cleanCyberspace: z.boolean(),
  pdpSelfAssessment: z.boolean(),
  note: optionalText(2000),
}).refine((r) => r.protectedEndpoints <= r.servers + r.workstations, { path: ['protectedEndpoints'], message: 'protected' })
  .refine((r) => r.staffTrained <= r.staffTotal, { path: ['staffTrained'], message: 'trained' });

export const BudgetInput = z.object({
  year: z.number().int().min(2015).max(2100),
  name: z.string().trim().min(3).max(300),
  kind: z.enum(['plan', 'project']),
  totalAmount: z.number().int().positive().max(1e15),
  securityAmount: z.number().int().min(0).max(1e15),
  note: optionalText(1000),
}).refine((b) => b.securityAmount <= b.totalAmount, { path: ['securityAmount'], message: 'security' });

export const EndpointRow = z.object({
  hostname: z.string().trim().min(1).max(253),
  os: optionalText(200),
  agentVersion: optionalText(100),
  lastSeen: z.iso.datetime({ offset: true }).optional(),
});

export const CountsPush = z.object({
  servers: count,
  workstations: count,
  protectedEndpoints: count,
  product: optionalText(200),
  console: optionalText(200),
});
