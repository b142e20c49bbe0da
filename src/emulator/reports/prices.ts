import { type Decimal, mulDecimal, parseDecimal, shiftDecimal } from "../../money.js";

/** Token types the cost report prices, with their wire names. */
export const TOKEN_TYPES = [
  "uncached_input_tokens",
  "output_tokens",
  "cache_read_input_tokens",
  "cache_creation.ephemeral_5m_input_tokens",
  "cache_creation.ephemeral_1h_input_tokens",
] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];

/** USD per million tokens, as exact decimal strings, by token type. */
export type ModelPrice = Record<TokenType, string>;

/**
 * Base prices (USD per million input / output tokens) by model id. The emulator's prices are
 * illustrative, shaped like Anthropic's published list: cache reads cost 0.1× input, 5-minute
 * cache writes 1.25×, 1-hour writes 2×. Unknown ids fall back to their model line.
 */
const BASE: Record<string, [input: string, output: string]> = {
  "claude-haiku-4-5-20251001": ["1", "5"],
  "claude-haiku-5-5": ["1", "5"],
  "claude-sonnet-4-5-20250929": ["3", "15"],
  "claude-sonnet-4-6": ["3", "15"],
  "claude-sonnet-5": ["3", "15"],
  "claude-sonnet-5-5": ["3", "15"],
  "claude-opus-4-5-20251101": ["5", "25"],
  "claude-opus-4-6": ["5", "25"],
  "claude-opus-4-7": ["5", "25"],
  "claude-opus-4-8": ["5", "25"],
  "claude-opus-5": ["5", "25"],
  "claude-opus-5-5": ["5", "25"],
  "claude-mythos-preview": ["25", "125"],
  "claude-mythos-5": ["15", "75"],
  "claude-mythos-5-1": ["15", "75"],
  "claude-mythos-5-2": ["15", "75"],
  "claude-fable-5": ["0.8", "4"],
  "claude-fable-5-1": ["0.8", "4"],
  "claude-fable-5-2": ["0.8", "4"],
};

const BY_LINE: Record<string, [string, string]> = {
  haiku: ["1", "5"],
  sonnet: ["3", "15"],
  opus: ["5", "25"],
  mythos: ["15", "75"],
  fable: ["0.8", "4"],
};

/** Long-context requests (200k-1M) cost 2× for input-side tokens and 1.5× for output. */
const LONG_CONTEXT = { input: "2", output: "1.5" };
/** Batch (and flex discount) usage is half price. */
const DISCOUNTED_TIERS = new Set(["batch", "flex_discount"]);
/** Priority Tier spend is billed separately and excluded from the cost report. */
export const UNPRICED_TIERS = new Set(["priority", "priority_on_demand"]);
/** A web search costs $10 per 1,000, i.e. 1 cent. */
export const WEB_SEARCH_CENTS: Decimal = { units: 1n, scale: 0 };

function times(a: string, factor: string): string {
  const d = mulDecimal(parseDecimal(a), parseDecimal(factor));
  return decimalText(d);
}

function decimalText(d: Decimal): string {
  const s = d.units.toString().padStart(d.scale + 1, "0");
  return d.scale ? `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}` : s;
}

/** The per-token-type list price of a model (USD per million tokens), before tier or context adjustments. */
export function priceOf(model: string): ModelPrice {
  const [input, output] = BASE[model] ?? BY_LINE[/claude-([a-z]+)/.exec(model)?.[1] ?? ""] ?? BY_LINE.sonnet;
  return {
    uncached_input_tokens: input,
    output_tokens: output,
    cache_read_input_tokens: times(input, "0.1"),
    "cache_creation.ephemeral_5m_input_tokens": times(input, "1.25"),
    "cache_creation.ephemeral_1h_input_tokens": times(input, "2"),
  };
}

/** Price of one million tokens of a type, adjusted for context window and service tier (USD, exact). */
export function unitPrice(model: string, type: TokenType, contextWindow: string | null, serviceTier: string | null): Decimal {
  let price = parseDecimal(priceOf(model)[type]);
  if (contextWindow === "200k-1M") {
    price = mulDecimal(price, parseDecimal(type === "output_tokens" ? LONG_CONTEXT.output : LONG_CONTEXT.input));
  }
  if (serviceTier && DISCOUNTED_TIERS.has(serviceTier)) price = mulDecimal(price, parseDecimal("0.5"));
  return price;
}

/**
 * Exact cost in cents of `tokens` tokens of one type: tokens × USD-per-million × 100 / 1e6,
 * i.e. tokens × price shifted by 4 decimal places.
 */
export function tokenCostCents(tokens: number, model: string, type: TokenType, contextWindow: string | null, serviceTier: string | null): Decimal {
  return shiftDecimal(mulDecimal({ units: BigInt(tokens), scale: 0 }, unitPrice(model, type, contextWindow, serviceTier)), 4);
}
