/** Track interchange formats: what `tags.export`/`tags.import` and `actionlens export --format` accept. */
export const INTERCHANGE_FORMATS = ['csv', 'json', 'eaf', 'sportscode', 'longomatch'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

export const INTERCHANGE_EXTENSIONS: Record<InterchangeFormat, string> = {
  csv: 'csv',
  json: 'json',
  eaf: 'eaf',
  sportscode: 'xml',
  longomatch: 'longomatch.csv',
};
