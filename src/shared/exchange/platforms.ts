import type { Citation } from '../legal/citation.ts';

/**
 * The Ministry's platforms an officer uploads a dossier or an incident to. Neither offers a public API, so Khiên
 * hands the officer a package to upload and records the reference the platform gives back.
 */
export const EXCHANGE_PLATFORMS = {
  /**
   * The directives ask agencies to use "the platforms supporting information security provided by the Ministry"
   * without naming the one for level dossiers or its address: the name below says what it is for, not an official title.
   */
  level_management: {
    subject: 'dossier',
    nameVi: 'Nền tảng hỗ trợ bảo đảm an toàn thông tin của Bộ (hồ sơ cấp độ)',
    nameEn: "The Ministry's information security support platform (level dossiers)",
    address: null,
    basis: [
      { instrument: 'thanh-hoa-letter-2024', clause: 1, point: 'đ' },
      { instrument: 'thanh-hoa-letter-2024', clause: 2, point: 'a' },
    ],
  },
  /** Vĩnh Phúc 2.e names it and its address, for incident reports, response, training and exercises. */
  incident_coordination: {
    subject: 'incident',
    nameVi: 'Nền tảng điều phối xử lý sự cố an toàn thông tin mạng quốc gia',
    nameEn: 'The national platform for coordinating the handling of cybersecurity incidents',
    address: 'irlab.vn',
    basis: [{ instrument: 'vinh-phuc-directive-2023', clause: 2, point: 'e' }],
  },
} as const satisfies Record<string, { subject: ExchangeSubject; nameVi: string; nameEn: string; address: string | null; basis: Citation[] }>;

export type ExchangeSubject = 'dossier' | 'incident';
export type ExchangePlatform = keyof typeof EXCHANGE_PLATFORMS;
export const PLATFORM_OF: Record<ExchangeSubject, ExchangePlatform> = { dossier: 'level_management', incident: 'incident_coordination' };
