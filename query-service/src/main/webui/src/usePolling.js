import { useEffect, useState } from 'react';
import { getJson } from './session.js';

/** GETs a service's JSON now and then every `everyMs` (0: once); a failed reading keeps the last data. */
export function usePolling(service, path, everyMs = 0) {
  const [state, setState] = useState({ data: null, error: null });
  useEffect(() => {
    let cancelled = false;
    const load = () => getJson(service, path)
      .then((data) => !cancelled && setState({ data, error: null }))
      .catch((e) => !cancelled && setState((s) => ({ data: s.data, error: e.message })));
    load();
    const timer = everyMs > 0 ? setInterval(load, everyMs) : null;
    return () => { cancelled = true; if (timer) clearInterval(timer); };
  }, [service, path, everyMs]);
  return state;
}
