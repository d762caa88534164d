import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ResultView } from '../result';
import { Card, ErrorBox, Spinner } from '../ui';

interface Job {
  id: 'basket' | 'trend' | 'concentration' | 'cohorts' | 'funnel';
  title: string;
  what: string;
  body: (input: string) => Record<string, unknown>;
  input?: { label: string; initial: string };
}

const JOBS: Job[] = [
  {
    id: 'basket',
    title: 'Basket rules',
    what: 'Products bought together: support, confidence and lift of each rule.',
    body: () => ({ level: 'category', limit: 25 }),
  },
  { id: 'trend', title: 'Trends', what: 'Revenue by period, its trend and the anomalies.', body: () => ({}) },
  {
    id: 'concentration',
    title: 'Concentrations',
    what: 'Where a slice of the business (dimension=value) is over-represented, by period.',
    input: { label: 'Slice (dimension=value)', initial: 'category=Apparel' },
    body: (input) => ({ filter: input.trim() }),
  },
  {
    id: 'cohorts',
    title: 'Cohorts',
    what: 'Customers by first-purchase month and how many come back.',
    body: () => ({}),
  },
  {
    id: 'funnel',
    title: 'Funnel',
    what: 'How many people go from each step to the next.',
    input: {
      label: 'Steps (comma-separated event names)',
      initial: 'Product Viewed, Product Added, Checkout Started, Order Completed',
    },
    body: (input) => ({
      steps: input
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  },
];

/** The mining jobs of `POST /v1/mining/*`, each run on demand. */
export function MiningScreen() {
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Mining</h1>
      </div>
      {JOBS.map((j) => (
        <MiningJob key={j.id} job={j} />
      ))}
    </div>
  );
}

function MiningJob(props: { job: Job }) {
  const { job } = props;
  const [input, setInput] = useState(job.input?.initial ?? '');
  const [state, setState] = useState<{ busy: boolean; data?: unknown; error?: Error }>({ busy: false });
  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    setState({ busy: true });
    try {
      setState({
        busy: false,
        data: await api(`/v1/mining/${job.id}`, { method: 'POST', body: job.body(input) }),
      });
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  };
  return (
    <Card title={job.title} className={`mining-${job.id}`}>
      <form className="row" onSubmit={run}>
        <span className="muted grow">{job.what}</span>
        {job.input && (
          <input
            aria-label={job.input.label}
            className="grow"
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
        )}
        <button type="submit" disabled={state.busy}>
          {state.busy ? 'Running…' : 'Run'}
        </button>
      </form>
      {state.error && <ErrorBox error={state.error} retry={run} />}
      {state.busy && <Spinner />}
      {state.data !== undefined && (
        <div data-testid={`mining-${job.id}-result`}>
          <ResultView value={state.data} rows={20} />
        </div>
      )}
    </Card>
  );
}
