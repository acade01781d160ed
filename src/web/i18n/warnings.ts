/** UI strings of the warnings screens, under the "warnings" key: t('warnings.title'). */
export const vi = { title: '' };
export const en: typeof vi = { title: '' };
