import { useEffect, useState } from 'react';
import { getJson } from './session.js';

/**
 * GETs a service's JSON now and then every `everyMs` (0: once). `absent` is true when the service answers 404
 * for the whole path (an endpoint that is not deployed), so a page can leave that part out.
 */
export function usePolling(service, path, everyMs = 0) {
  const [state, setState] = useState({ data: null, error: null, absent: false, loading: true });
  useEffect(() => {
    let cancelled = false;
    const load = () => getJson(service, path)
      .then((data) => !cancelled && setState({ data, error: null, absent: false, loading: false }))
      .catch((e) => !cancelled && setState((s) => ({
        data: s.data, error: e.status === 404 ? null : e.message, absent: e.status === 404, loading: false,
      })));
    load();
    const timer = everyMs > 0 ? setInterval(load, everyMs) : null;
    return () => { cancelled = true; if (timer) clearInterval(timer); };
  }, [service, path, everyMs]);
  return state;
}
