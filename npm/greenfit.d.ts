// Types for greenfit's custom elements, their JavaScript API, events and documents.
// The documents are described in full in docs/export-format.md and its JSON Schemas.

/** An answer: a level from 0 to 4, "not_relevant" or "dont_know". */
export type Answer = 0 | 1 | 2 | 3 | 4 | 'not_relevant' | 'dont_know';

export type Stage = 'starting' | 'progressing' | 'established' | 'leading';

export interface Profile {
  sector?: string;
  size?: 'micro' | 'small' | 'medium' | 'large';
  country?: string;
}

export interface CanvasItem {
  id: string;
  text: string;
  importance?: 1 | 2 | 3;
  links?: string[];
}

export interface Canvas {
  id: string;
  name: string;
  service?: boolean;
  jobs?: CanvasItem[];
  pains?: CanvasItem[];
  gains?: CanvasItem[];
  products?: CanvasItem[];
  relievers?: CanvasItem[];
  creators?: CanvasItem[];
  checklist?: { demand?: string; tested?: string; payer?: string; partners?: string };
}

export interface AreaResult {
  area: string;
  score: number | null;
  stage: Stage | null;
  questions: number;
  answered: number;
  not_relevant: number;
  dont_know: string[];
}

export interface Results {
  areas: AreaResult[];
  overall: number | null;
  overall_stage: Stage | null;
  priorities: string[];
  answered: number;
  questions: number;
}

/** What a widget stores and imports; `exportData()` adds `exported_at` and `results`. */
export interface GreenfitDocument {
  format: 'greenfit';
  version: number;
  saved_at?: string;
  profile?: Profile;
  answers?: Record<string, Answer>;
  /** Answers to questions greenfit has since replaced that did not carry over: kept, not scored. */
  earlier_answers?: Record<string, Answer>;
  position?: string;
  snapshots?: { taken_at: string; answers: Record<string, Answer>; earlier_answers?: Record<string, Answer> }[];
  canvases?: Canvas[];
}

export interface GreenfitExport extends GreenfitDocument {
  exported_at: string;
  results: Results;
}

/** What a member chose to share with their cluster (docs/share-format.schema.json). */
export interface GreenfitShare {
  format: 'greenfit-share';
  version: 1;
  generator?: string;
  shared_at: string;
  member?: string;
  profile?: Profile;
  question_set: string;
  areas: { area: string; score: number | null; stage?: Stage | null; not_relevant?: boolean; questions: number; dont_know?: number }[];
  overall: number | null;
  priorities?: string[];
  answers?: Record<string, Answer>;
}

/** The cluster's benchmark for the widget's config (docs/benchmark.schema.json). */
export interface GreenfitBenchmark {
  format: 'greenfit-benchmark';
  version: 1;
  generator?: string;
  created_at: string;
  members: number;
  group?: string;
  areas: Record<string, { n: number; q1: number; median: number; q3: number }>;
  overall?: { n: number; q1: number; median: number; q3: number };
}

export interface GreenfitChangeDetail {
  /** What changed the stored data. */
  reason: 'save' | 'import' | 'clear';
  /** When, as an ISO 8601 time. */
  at: string;
}

/** `<greenfit-widget>`: the self-check and the value-proposition canvas. */
export interface GreenfitWidgetElement extends HTMLElement {
  /**
   * Resolves once the configuration, the language and the benchmark file the configuration
   * names (if any) are loaded or their problems known; the methods throw before the
   * configuration and the language are loaded.
   */
  readonly ready: Promise<GreenfitWidgetElement>;
  /** The document on screen (which is the one stored), with its results. */
  exportData(): GreenfitExport;
  /** Validates and loads a document (object or JSON text); throws and changes nothing if invalid. */
  importData(doc: GreenfitDocument | string): void;
  /** Deletes this widget's data from the browser. */
  clearData(): void;
  /** Problems found in the cluster configuration, as "field: reason" texts. */
  configProblems(): string[];
}

/** `<greenfit-dashboard>`: the cluster manager's view of what members shared. */
export interface GreenfitDashboardElement extends HTMLElement {
  readonly ready: Promise<GreenfitDashboardElement>;
  /** Reads text (a share file, an export, or text holding share codes) as a file named `name`. */
  loadText(text: string, name?: string): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'greenfit-widget': GreenfitWidgetElement;
    'greenfit-dashboard': GreenfitDashboardElement;
  }
  interface HTMLElementEventMap {
    'greenfit-change': CustomEvent<GreenfitChangeDetail>;
    'greenfit-ready': CustomEvent<null>;
  }
}
