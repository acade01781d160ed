/** UI strings of the incidents screens, under the "incidents" key: t('incidents.title'). */
export const vi = { title: '' };
export const en: typeof vi = { title: '' };
