// HTTP client for the widget and the console: chat streaming over fetch + ReadableStream
// (SSE frames), JSON calls, Chinese error messages. `fetch` is injectable for tests.
import { createSseParser, type SseFrame } from './sse-parser.js';
import type {
  ChatResponse,
  Citation,
  DocumentView,
  FeedbackInput,
  FeedbackPage,
  MatchedMeasure,
  MatchResponse,
  ProfileFormSchema,
  SearchResponse,
  UnitView,
  CompanyProfile,
  CorpusSummary,
  ApplicantSummary,
  ApplicantVisit,
  SaveChecklistInput,
  DocumentPreview,
  ManagedDocument,
} from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ChatBody {
  message: string;
  sessionId?: string;
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
  /** Company profile the conversation should start from (the console's form). */
  profile?: Record<string, unknown>;
  /** The asker's region (the widget's data-region): answers come from documents that apply there. */
  region?: string;
}

export interface StreamHandlers {
  onToken?(text: string): void;
  onCitation?(c: Citation): void;
  onMeasure?(m: MatchedMeasure): void;
}

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试。';

async function errorFrom(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = `请求失败（${res.status}），请稍后再试。`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON (proxy error page): keep the generic message.
  }
  if (res.status === 401) message = body401(message);
  return new ApiError(res.status, code, message);
}

function body401(serverMessage: string): string {
  return serverMessage.includes('令牌') ? serverMessage : '需要工作人员令牌：请输入正确的访问令牌（STAFF_TOKEN）后重试。';
}

/** Dispatches one SSE frame; returns the final response for `done`. */
export function handleFrame(frame: SseFrame, handlers: StreamHandlers): ChatResponse | undefined {
  let data: unknown;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return undefined;
  }
  switch (frame.event) {
    case 'token':
      handlers.onToken?.((data as { text: string }).text);
      return undefined;
    case 'citation':
      handlers.onCitation?.(data as Citation);
      return undefined;
    case 'measure':
      handlers.onMeasure?.(data as MatchedMeasure);
      return undefined;
    case 'done':
      return data as ChatResponse;
    case 'error': {
      const e = data as { code?: string; message?: string };
      throw new ApiError(200, e.code ?? 'INTERNAL', e.message ?? '回答生成失败，请稍后再试。');
    }
    default:
      return undefined;
  }
}

export interface ApiClientOptions {
  base: string;
  fetch?: typeof fetch;
  /** Extra headers for every request (the console's staff token). */
  headers?: () => Record<string, string>;
}

export function createApiClient({ base, fetch: f = (...a) => fetch(...a), headers = () => ({}) }: ApiClientOptions) {
  const url = (path: string) => base.replace(/\/$/u, '') + path;

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await f(url(path), { ...init, headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) } });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
    }
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await call(path, init)).json() as Promise<T>;
  const post = <T>(path: string, body: unknown): Promise<T> =>
    json<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  return {
    /** Streams one chat turn; resolves with the `done` response. */
    async streamChat(body: ChatBody, handlers: StreamHandlers, signal?: AbortSignal): Promise<ChatResponse> {
      const res = await call('/api/chat/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(body),
        signal,
      });
      const parser = createSseParser();
      let done: ChatResponse | undefined;
      const take = (frames: SseFrame[]) => {
        for (const fr of frames) done = handleFrame(fr, handlers) ?? done;
      };
      if (res.body && typeof res.body.getReader === 'function') {
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        try {
          for (;;) {
            const { value, done: end } = await reader.read();
            if (end) break;
            take(parser.push(decoder.decode(value, { stream: true })));
          }
        } catch (err) {
          if ((err as Error).name === 'AbortError' || err instanceof ApiError) throw err;
          throw new ApiError(0, 'NETWORK', '连接中断，回答未完成，请重试。');
        }
        take(parser.push(decoder.decode()));
      } else {
        take(parser.push(await res.text()));
      }
      take(parser.end());
      if (!done) throw new ApiError(0, 'INTERRUPTED', '连接中断，回答未完成，请重试。');
      return done;
    },
    unit: (ref: string) => json<UnitView>(`/api/units/${encodeURIComponent(ref)}`),
    documents: () => json<{ documents: DocumentView[] }>('/api/documents'),
    corpusSummary: (q: { region?: string; asOf?: string } = {}) => {
      const p = new URLSearchParams();
      if (q.region) p.set('region', q.region);
      if (q.asOf) p.set('asOf', q.asOf);
      const qs = p.toString();
      return json<CorpusSummary>(`/api/corpus-summary${qs ? `?${qs}` : ''}`);
    },
    search: (q: string, k = 8) => json<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&k=${k}`),
    match: (body: { profile?: CompanyProfile; description?: string }) => post<MatchResponse>('/api/match', body),
    profileSchema: () => json<ProfileFormSchema>('/api/profile-schema'),
    feedback: (body: FeedbackInput) => post<{ id: string | number }>('/api/feedback', body),
    staffFeedback: (q: { rating?: string; limit: number; offset: number }) =>
      json<FeedbackPage>(`/api/staff/feedback?${new URLSearchParams({ ...(q.rating ? { rating: q.rating } : {}), limit: String(q.limit), offset: String(q.offset) }).toString()}`),
    staffApplicants: (q: string) => json<{ items: ApplicantSummary[] }>(`/api/staff/applicants?${new URLSearchParams(q ? { q } : {}).toString()}`),
    staffApplicant: (id: string) => json<{ applicant: ApplicantSummary; checklists: ApplicantVisit[] }>(`/api/staff/applicants/${encodeURIComponent(id)}`),
    staffChecklist: (id: string) => json<ApplicantVisit>(`/api/staff/checklists/${encodeURIComponent(id)}`),
    staffSaveChecklist: (body: SaveChecklistInput) =>
      post<{ applicant: ApplicantSummary; checklist: ApplicantVisit; previous: ApplicantVisit | null }>('/api/staff/applicants/checklists', body),
    staffShare: (checklistId: string) => post<{ token: string; path: string; expiresAt: string }>(`/api/staff/checklists/${encodeURIComponent(checklistId)}/share`, {}),
    staffDocuments: (q: { region?: string; level?: string; status?: string; asOf?: string }) =>
      json<{ asOf: string; total: number; documents: ManagedDocument[]; regions: Array<{ code: string; name: string }> }>(
        `/api/staff/documents?${new URLSearchParams(Object.entries(q).filter(([, v]) => !!v) as Array<[string, string]>).toString()}`,
      ),
    staffPreviewDocument: (file: Blob, fileName: string) =>
      json<DocumentPreview>('/api/staff/documents/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(fileName) },
        body: file,
      }),
    staffPublishDocument: (body: { draftId: string; docId?: string; corrections: Record<string, unknown> }) =>
      post<{ docId: string; status: string; unitCount: number; warnings: string[] }>('/api/staff/documents/publish', body),
    staffWithdrawDocument: (docId: string) => post<{ docId: string; withdrawnAt: string }>(`/api/staff/documents/${encodeURIComponent(docId)}/withdraw`, {}),
    staffFeedbackExport: async (rating?: string) =>
      (await call(`/api/staff/feedback/export${rating ? `?rating=${encodeURIComponent(rating)}` : ''}`)).text(),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
