export {
  deleteIn,
  detectStyle,
  type FileStyle,
  nodeAt,
  renderScalar,
  STYLE_SAMPLE_BYTES,
  setIn,
  type YamlPath,
} from './edit.js';
export { loadTree, resolveInside, writeTree } from './load.js';
export {
  type DocumentSlice,
  describeDoc,
  describeRef,
  MAX_ALIAS_COUNT,
  ManifestTree,
  type ResourceDoc,
  type ResourceFilter,
  type ResourceRef,
  sliceDocuments,
  toPlain,
  valueAt,
  writtenKind,
} from './tree.js';
