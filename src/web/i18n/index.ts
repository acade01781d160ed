import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi.ts';
import { en } from './en.ts';
import { formatDateVi } from '../../shared/core/dates.ts';
import { formatCitations, type Citation } from '../../shared/legal/citation.ts';
import * as incidents from './incidents.ts';
import * as warnings from './warnings.ts';
import * as directives from './directives.ts';
import * as indicators from './indicators.ts';
import * as legal from './legal.ts';
import * as soc from './soc.ts';
import * as documents from './documents.ts';
import * as tokens from './tokens.ts';
import * as parameters from './parameters.ts';
import * as identity from './identity.ts';
import * as signatures from './signatures.ts';
import * as hunts from './hunts.ts';
import * as operators from './operators.ts';
import * as yearly from './yearly.ts';
import * as exchange from './exchange.ts';
import * as webhooks from './webhooks.ts';

// Each module keeps its strings in its own file, under its own key.
const modules = {
  incidents,
  warnings,
  directives,
  indicators,
  legal,
  soc,
  documents,
  tokens,
  identity,
  parameters,
  signatures,
  hunts,
  yearly,
  operators,
  exchange,
  webhooks,
};
const merged = (lng: 'vi' | 'en') => ({
  ...(lng === 'vi' ? vi : en),
  ...Object.fromEntries(Object.entries(modules).map(([k, m]) => [k, m[lng]])),
});

const STORED = 'khien.locale';
export type Locale = 'vi' | 'en';

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: merged('vi') }, en: { translation: merged('en') } },
  lng: (localStorage.getItem(STORED) as Locale | null) ?? 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** Switches the UI language; the signed-in user's choice is also saved on the server. */
export function setLocale(locale: Locale) {
  localStorage.setItem(STORED, locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

/** Dates are dd/MM/yyyy in both languages: they are Vietnamese official dates. */
export const fmtDate = (v: string | Date | null | undefined) => (v ? formatDateVi(v) : '—');
/** "dd/MM/yyyy HH:mm" in Vietnamese time. */
export const fmtDateTime = (v: string | null | undefined) => {
  if (!v) return '—';
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(v));
  return `${formatDateVi(new Date(v))} ${time}`;
};
export const fmtNumber = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(n);
export const fmtPercent = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${fmtNumber(n, 1)}%`);

/** Citations in their official wording, in the UI language. */
export const fmtCitations = (cs: readonly Citation[]) => formatCitations(cs, i18n.language === 'en' ? 'en' : 'vi');

export default i18n;
