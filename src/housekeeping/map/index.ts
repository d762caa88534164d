export {
  buildDataMap,
  type DataMap,
  downstream,
  type MapEdge,
  type MapNode,
  type NodeType,
  sourcesOf,
} from './build.js';
export { FEATURE_TRAIT, SCORE_MODELS, TRAIT_LINEAGE } from './lineage.js';
export { freshnessColour, mapHtml, mapSvg } from './render.js';
