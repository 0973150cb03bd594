import * as Y from 'yjs';
import { applyPatches, isNoop, loadTrace, type Txn } from '../collab/trace.js';
import { waitFor } from '../harness.js';
import { caretAt, connectAll } from '../capacity/fixtures.js';
import { EditLog, RawPeer, RelayLatencies } from '../capacity/peer.js';
import type { SoakProposal } from './fleet.js';

/** Traces from josephg/editing-traces the editors replay, one per editor in turn. */
const TRACES = ['automerge-paper', 'sveltecomponent', 'rustcode'];

/**
 * Human pace: bursts of 5–30 keystrokes 200–400 ms apart (about 3 characters a second),
 * then a pause of 3–20 s to read or think: about one character a second on average.
 */
export const PACE = { burst: [5, 30], keystrokeMs: [200, 400], pauseMs: [3_000, 20_000] } as const;

const between = ([low, high]: readonly [number, number]) => low + Math.random() * (high - low);

/** A new paragraph at the end of the outcome holding `content`: where an editor types. */
function ownText(peer: RawPeer, content: string): Y.XmlText {
  const text = new Y.XmlText(content);
  const paragraph = new Y.XmlElement('paragraph');
  peer.edit(() => {
    paragraph.insert(0, [text]);
    peer.doc.getXmlFragment('outcome').push([paragraph]);
  });
  return text;
}

interface Editor {
  peer: RawPeer;
  log: EditLog;
  text: Y.XmlText;
  startContent: string;
  txns: Txn[];
  next: number;
}

/**
 * Every editor of every proposal on a collaboration socket of its own (asking for SAVED,
 * as the web client does), typing an editing trace into a paragraph of its own at human
 * pace and moving its caret after each burst, while every other editor of the proposal
 * follows. Edits are logged so that each one's relay to every other editor is timed and
 * none can go missing unnoticed.
 */
export class EditorFleet {
  readonly latencies = new RelayLatencies();
  readonly peers: RawPeer[] = [];
  private readonly editors: Editor[] = [];
  private readonly rooms: { peers: RawPeer[]; logs: EditLog[] }[] = [];
  private typing = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly collabUrl: string,
    private readonly proposals: SoakProposal[],
  ) {}

  async connect(): Promise<void> {
    const traces = await Promise.all(TRACES.map((name) => loadTrace(name)));
    const available = traces.flatMap((trace) => (trace ? [trace] : []));
    if (available.length === 0) throw new Error('no editing trace found beside the repository (../shared/traces)');
    let n = 0;
    for (const proposal of this.proposals) {
      const peers = await connectAll(
        proposal.editors.map(
          (editor) => () =>
            new RawPeer({
              url: this.collabUrl,
              proposalId: proposal.proposalId,
              token: editor.token,
              saved: true,
              keepState: true,
            }),
        ),
      );
      const logs: EditLog[] = [];
      for (const peer of peers) {
        const trace = available[n++ % available.length]!;
        const text = ownText(peer, trace.startContent);
        const log = new EditLog(peer);
        logs.push(log);
        this.latencies.addWriter(log);
        this.editors.push({
          peer,
          log,
          text,
          startContent: trace.startContent,
          txns: trace.txns.filter((txn) => !isNoop(txn)),
          next: 0,
        });
      }
      for (const peer of peers) this.latencies.follow(peer);
      this.peers.push(...peers);
      this.rooms.push({ peers, logs });
    }
  }

  /** Starts every editor at a random phase within its first pause. */
  start(): void {
    this.typing = true;
    for (const editor of this.editors) this.schedule(editor, between(PACE.pauseMs), Math.round(between(PACE.burst)));
  }

  stop(): void {
    this.typing = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Edits sent, and those of them that only deleted (not timed: see `keystroke`). */
  edits = 0;
  deletionsOnly = 0;

  get editsSent(): number {
    return this.edits;
  }

  private schedule(editor: Editor, delayMs: number, left: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.typing) return;
      this.keystroke(editor);
      if (left > 1) this.schedule(editor, between(PACE.keystrokeMs), left - 1);
      else {
        editor.peer.setPresence(caretAt(editor.text));
        this.schedule(editor, between(PACE.pauseMs), Math.round(between(PACE.burst)));
      }
    }, delayMs);
    this.timers.add(timer);
  }

  private keystroke(editor: Editor): void {
    // At the trace's end, the editor starts it again in a new paragraph of its own.
    if (editor.next >= editor.txns.length) {
      editor.next = 0;
      editor.text = ownText(editor.peer, editor.startContent);
    }
    const txn = editor.txns[editor.next++]!;
    const { doc } = editor.peer;
    const clock = Y.getState(doc.store, doc.clientID);
    const sentAt = performance.now();
    editor.peer.edit(() => applyPatches(editor.text, txn.patches));
    this.edits++;
    // Readers follow a writer by the Yjs ids its updates carry. An edit that only deletes
    // carries none (just a delete set): logged, it would count as received with the writer's
    // next insertion, a keystroke or a whole pause later. It is sent all the same.
    if (Y.getState(doc.store, doc.clientID) > clock) editor.log.record(sentAt);
    else this.deletionsOnly++;
  }

  /**
   * Waits (up to `timeoutMs`) until every editor has received every other's edits and
   * the server reported every editor's frames durable; answers what is still missing.
   */
  async settle(timeoutMs: number): Promise<{ undelivered: number; notDurable: number; unexpectedCloses: number }> {
    const undelivered = () =>
      this.rooms.reduce(
        (sum, room) => sum + room.peers.filter((peer) => !this.latencies.caughtUp(peer, room.logs)).length,
        0,
      );
    const notDurable = () => this.peers.filter((peer) => !peer.allDurable).length;
    await waitFor(
      () => undelivered() === 0 && notDurable() === 0,
      'every edit everywhere and durable',
      timeoutMs,
      50,
    ).catch(() => undefined);
    return {
      undelivered: undelivered(),
      notDurable: notDurable(),
      unexpectedCloses: this.peers.filter((peer) => peer.closedUnexpectedly).length,
    };
  }

  close(): void {
    this.stop();
    for (const peer of this.peers) peer.close();
  }
}
