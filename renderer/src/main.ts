import { mount } from 'svelte';
import App from './App.svelte';
import { connect } from './lib/bridge';
import { LiveSnapshot } from './lib/live-snapshot.svelte';
import './app.css';

// The snapshot is asked for before the app mounts, so that the socket's handshake and the core's
// answer overlap the mount instead of following it. The page keeps both for its whole life.
const connection = connect();
const live = new LiveSnapshot(connection.bridge);
live.start();
connection.onReset(() => {
  live.lost = false;
  void live.refetch();
});
connection.onLost(() => (live.lost = true));

mount(App, { target: document.getElementById('app')!, props: { bridge: connection.bridge, live } });
