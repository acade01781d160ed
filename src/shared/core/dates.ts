/** Vietnamese calendar dates: deadlines are dates in Asia/Ho_Chi_Minh, shown dd/MM/yyyy. */
export const VN_TZ = 'Asia/Ho_Chi_Minh';

/** "2026-11-24" or a Date → "24/11/2026" (a Date is read in Vietnamese time). */
export function formatDateVi(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split('-').reverse().join('/');
  return new Intl.DateTimeFormat('en-GB', { timeZone: VN_TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(value));
}

/** Today's calendar date in Vietnam as YYYY-MM-DD. */
export function todayVn(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VN_TZ }).format(now);
}

/** A Date → "14:30 ngày 24/11/2026", in Vietnamese time on the 24-hour clock. */
export function formatDateTimeVi(value: string | Date): string {
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: VN_TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(value));
  return `${hm} ngày ${formatDateVi(new Date(value))}`;
}
