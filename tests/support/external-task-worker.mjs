// A worker process built on Camunda's published client, as an integration would run it.
// Usage: node external-task-worker.mjs <engine-rest base URL> <topic> <api token id> <api token secret>
// Authenticates as Camunda's clients do: HTTP Basic through the client's own BasicAuthInterceptor.
// Completes the first task of the topic with referralReference = 'ACSSL-123', prints what it saw as JSON, exits.
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';

const [baseUrl, topic, username, password] = process.argv.slice(2);
const client = new Client({
  baseUrl,
  autoPoll: false,
  asyncResponseTimeout: 1000,
  interval: 50,
  interceptors: new BasicAuthInterceptor({ username, password }),
  use: undefined,
});
const timeout = setTimeout(() => {
  console.error('no task fetched within 20 s');
  process.exit(2);
}, 20000);
client.subscribe(topic, async ({ task, taskService }) => {
  const out = new Variables();
  out.set('referralReference', 'ACSSL-123');
  await taskService.complete(task, out);
  process.stdout.write(JSON.stringify({ businessKey: task.businessKey, callerSafe: task.variables.get('callerSafe') }));
  clearTimeout(timeout);
  client.stop();
  process.exit(0);
});
client.on('complete:error', (_task, error) => {
  console.error('complete failed', error?.message);
  process.exit(3);
});
client.on('poll:error', (error) => {
  // A refused poll (e.g. 401 with a wrong token) ends the worker: report it and stop.
  console.error('poll failed', error?.message);
  process.exit(4);
});
client.start();
