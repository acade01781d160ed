/** UI strings of the directives screens, under the "directives" key: t('directives.title'). */
export const vi = { title: '' };
export const en: typeof vi = { title: '' };
