/**
 * What the Lambda service adds around a handler when a state machine's Task invokes it, for running the packaged
 * definition in aws-local-stepfunctions against the production handler:
 *
 * - each invocation gets a context with its own 15-minute budget on a virtual clock (getRemainingTimeInMillis), and
 *   the deadlines the handler derives from it (AbortSignal.timeout inside the invocation) run on that clock, so a
 *   test reaches a deadline without waiting;
 * - the answer crosses a JSON boundary, and an error reaches Step Functions as Lambda reports it: the error type as
 *   the Error name, and `{"errorType","errorMessage","trace"}` as its Cause.
 *
 * Time moves only when the test says so: `stallUntilAlone()` models an invocation that waits on something that never
 * comes (an API server that does not answer): once every other invocation in flight has ended, its clock jumps to the
 * first deadline it set itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Lambda's context as the handler reads it. */
export interface InvocationContext {
  awsRequestId: string;
  functionName: string;
  getRemainingTimeInMillis(): number;
}

interface Invocation {
  elapsedMs: number;
  timers: { atMs: number; controller: AbortController }[];
}

const LAMBDA_TIMEOUT_MS = 900_000;

export class LambdaEmulation {
  private readonly current = new AsyncLocalStorage<Invocation>();
  private readonly inFlight = new Set<Invocation>();
  private stalled = false;
  private spy: jest.SpyInstance | null = null;
  private requests = 0;

  constructor(private readonly functionName: string) {}

  /** Routes the deadlines made inside invocations to their virtual clocks. */
  install(): void {
    const real = AbortSignal.timeout.bind(AbortSignal);
    this.spy = jest.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
      const inv = this.current.getStore();
      if (!inv) return real(ms);
      const controller = new AbortController();
      inv.timers.push({ atMs: inv.elapsedMs + ms, controller });
      return controller.signal;
    });
  }

  uninstall(): void {
    this.spy?.mockRestore();
    this.spy = null;
  }

  /** One invocation of `handler` as a Task's Lambda integration makes it. */
  async invoke(handler: (event: unknown, context: InvocationContext) => Promise<unknown>, event: unknown) {
    const inv: Invocation = { elapsedMs: 0, timers: [] };
    const context: InvocationContext = {
      awsRequestId: `req-${++this.requests}`,
      functionName: this.functionName,
      getRemainingTimeInMillis: () => Math.max(0, LAMBDA_TIMEOUT_MS - inv.elapsedMs),
    };
    this.inFlight.add(inv);
    try {
      const out = await this.current.run(inv, () => handler(JSON.parse(JSON.stringify(event)), context));
      return out === undefined ? null : JSON.parse(JSON.stringify(out));
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const type = e.name || 'Error';
      throw Object.assign(new Error(JSON.stringify({ errorType: type, errorMessage: e.message, trace: [] })), {
        name: type,
      });
    } finally {
      this.inFlight.delete(inv);
      this.settle();
    }
  }

  /** Something an invocation waits on will never come: once it is the only one left, its first deadline passes. */
  stallUntilAlone(): void {
    this.stalled = true;
    this.settle();
  }

  private settle(): void {
    if (!this.stalled || this.inFlight.size !== 1) return;
    const [inv] = [...this.inFlight];
    const due = inv!.timers.filter((t) => !t.controller.signal.aborted).map((t) => t.atMs);
    if (due.length === 0) return;
    this.stalled = false;
    inv!.elapsedMs = Math.max(inv!.elapsedMs, Math.min(...due));
    for (const t of inv!.timers) {
      if (t.atMs <= inv!.elapsedMs && !t.controller.signal.aborted) {
        t.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }
    }
  }
}
