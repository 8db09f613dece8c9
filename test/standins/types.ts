export interface RecordedRequest {
  at: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The status the stand-in answered with. */
  answeredStatus?: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface StandIn {
  name: string;
  matches(url: URL): boolean;
  /** The service's own behaviour (when no scripted answer is queued). */
  handle(request: RecordedRequest): Promise<Response>;
  /** Extra control routes: `/<name>/<action>` on the STANDINS binding. */
  control?(request: Request, action: string): Promise<Response>;
}
