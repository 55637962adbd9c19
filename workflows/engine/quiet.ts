// When an act's answer is true: an Update answers only once the run is quiet again, i.e.
// every write the act caused is committed and no flow of the process is about to move.
import { condition, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { EngineState } from './state';
import type { UpdateOptions } from './types';
import { writesInFlight } from './writes';

export abstract class QuietAnswers extends EngineState {
  /**
   * Waits for a condition of the process (a decision, a payment, an event), optionally at most
   * `timeoutMs`; true when it holds, false on the timeout. Every wait of a process for people or
   * the outside world goes through here, so the engine knows when nothing is left to do.
   */
  async waitUntil(fn: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.waits.add(fn);
    try {
      if (timeoutMs === undefined) {
        await condition(fn);
        return true;
      }
      return await condition(fn, timeoutMs);
    } finally {
      this.waits.delete(fn);
    }
  }

  /**
   * Quiet: no write in flight, no handler writing, and every flow waiting on a condition that
   * does not hold (so none is about to move). Conditions are checked only once the workflow's
   * microtasks have run, so a flow between two writes is never seen as quiet.
   */
  protected quiet(): boolean {
    return writesInFlight() === 0 && this.persisting === 0 && ![...this.waits].some((fn) => fn());
  }

  /**
   * Registers an Update whose answer waits until the run is quiet: when the caller gets it,
   * every consequence is written (the next task open, the process sent back and editable, the
   * booking confirmed). Every Update of every process is registered through here.
   */
  onUpdate<Ret, Args extends unknown[]>(
    def: UpdateDefinition<Ret, Args>,
    handler: (...args: NoInfer<Args>) => Promise<Ret> | Ret,
    options: UpdateOptions<NoInfer<Ret>, NoInfer<Args>> = {},
  ): void {
    setHandler(
      def,
      async (...args: Args): Promise<Ret> => {
        this.persisting += 1;
        let result: Ret;
        try {
          result = await handler(...args);
        } finally {
          this.persisting -= 1;
        }
        // Runs started on older code answered right after their own writes; their histories say so.
        if (this.local) await condition(() => this.quiet());
        return options.answer ? options.answer(result) : result;
      },
      options.validator ? { validator: options.validator } : {},
    );
  }
}
