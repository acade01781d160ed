/** UI strings of the indicators screens, under the "indicators" key: t('indicators.title'). */
export const vi = { title: '' };
export const en: typeof vi = { title: '' };
