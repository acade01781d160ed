import { describe, expect, it } from 'vitest';
import { isOperatorKind, publishedContact, recordDayProblem } from './duties.ts';

const vnpt = {
  name: 'VNPT Demo',
  kind: 'telecom',
  active: true,
  contactName: 'Nguyễn Văn Đầu',
  contactPosition: 'Trưởng phòng An toàn thông tin',
  contactPhone: '0912345678',
  contactEmail: 'attt@vnpt.vn',
  contactPublished: true,
  contactPublishedUrl: 'https://vnpt.vn/dau-moi',
};

describe('the operators the texts address', () => {
  it('are telecom and Internet operators and security firms, not assessors, ministries or state agencies', () => {
    expect(['telecom', 'security_firm'].every(isOperatorKind)).toBe(true);
    expect(['assessor', 'national_body', 'department', 'police'].some(isOperatorKind)).toBe(false);
  });
});

describe('the public list of contact points', () => {
  it('publishes only the organisation, the person, phone, e-mail and where the operator published it', () => {
    expect(publishedContact(vnpt)).toEqual({
      organisation: 'VNPT Demo',
      kind: 'telecom',
      name: 'Nguyễn Văn Đầu',
      position: 'Trưởng phòng An toàn thông tin',
      phone: '0912345678',
      email: 'attt@vnpt.vn',
      publishedUrl: 'https://vnpt.vn/dau-moi',
    });
  });

  it('leaves out a contact point not said to be published, without a name or any way to reach it, of an inactive organisation or of another kind', () => {
    expect(publishedContact({ ...vnpt, contactPublished: false })).toBeNull();
    expect(publishedContact({ ...vnpt, contactName: null })).toBeNull();
    expect(publishedContact({ ...vnpt, contactPhone: null, contactEmail: null })).toBeNull();
    expect(publishedContact({ ...vnpt, active: false })).toBeNull();
    expect(publishedContact({ ...vnpt, kind: 'department' })).toBeNull();
    expect(publishedContact({ ...vnpt, contactPhone: null })?.email).toBe('attt@vnpt.vn');
  });
});

describe('record days', () => {
  it('refuses a day after today, takes today and the past', () => {
    expect(recordDayProblem('2026-12-02', '2026-12-01')?.vi).toBe('Ngày không được sau ngày hôm nay');
    expect(recordDayProblem('2026-12-01', '2026-12-01')).toBeNull();
    expect(recordDayProblem('2025-01-31', '2026-12-01')).toBeNull();
  });
});
