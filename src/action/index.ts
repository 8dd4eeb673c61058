// The GitHub Action's adapter: inputs, log groups, outputs, annotations and the job summary.
export { type Annotation, type AnnotationContext, annotationFor, locateField } from './annotations.js';
export { type GateEvidence, parseGateEvidence, type ReleaseRecord, readReleaseRecord } from './history.js';
export { type ActionInputs, parseInputs } from './inputs.js';
export { commitUrlFor, repositoryWebUrl } from './links.js';
export { GroupedReporter } from './reporter.js';
export { OUTPUTS, runAction } from './run.js';
export { renderSummary, summaryView } from './summary.js';
