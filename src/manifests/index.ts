export { deleteIn, detectStyle, type FileStyle, nodeAt, renderScalar, setIn, type YamlPath } from './edit.js';
export { loadTree, resolveInside, writeTree } from './load.js';
export {
  describeDoc,
  describeRef,
  MAX_ALIAS_COUNT,
  ManifestTree,
  type ResourceDoc,
  type ResourceRef,
  toPlain,
  valueAt,
} from './tree.js';
