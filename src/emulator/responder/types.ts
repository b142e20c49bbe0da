/** A content block as the Messages API carries it (input or output); fields vary by `type`. */
export type Block = { type: string } & Record<string, any>;

/** The parts of a Messages request the responder and the token counter read. */
export interface MessagesRequest {
  model: string;
  messages: Array<{ role: string; content: string | Block[] }>;
  max_tokens?: number;
  system?: string | Block[];
  stop_sequences?: string[];
  tools?: Array<{ name: string; description?: string; input_schema?: Record<string, unknown> } & Record<string, unknown>>;
  tool_choice?: { type: "auto" | "any" | "tool" | "none"; name?: string };
  thinking?: { type: string; budget_tokens?: number; display?: string | null };
}

/** What a responder decided: the assistant's content and why it stopped. */
export interface ResponderTurn {
  content: Block[];
  stop_reason: "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";
  stop_sequence: string | null;
  output_tokens: number;
  /** Part of `output_tokens` spent on thinking blocks. */
  thinking_tokens: number;
}
