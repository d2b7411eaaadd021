// The pause of a polling worker that a commit can cut short: sleep(ms) until the timer or a
// wake(), whichever comes first. A wake() while the worker is busy (not sleeping) is remembered,
// so the next sleep returns at once and the worker looks again before it rests.
export class WakeableSleep {
  private wakeUp: (() => void) | undefined;
  private wokenWhileBusy = false;

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  sleep(ms: number): Promise<void> {
    if (this.wokenWhileBusy) {
      this.wokenWhileBusy = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
