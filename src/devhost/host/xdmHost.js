// Host side of the azure-devops-extension-sdk 5.0.0 XDM channel (see node_modules/azure-devops-extension-sdk/esm/XDM.js).
// Messages are JSON strings posted between the host page and the extension iframe:
//   request  {id, methodName, instanceId, instanceContext, params, serializationSettings, handshakeToken?}
//   reply    {id, result | error, handshakeToken}
// Functions travel as {__proxyFunctionId, _channelId} and are called back with methodName "proxyN" on
// instanceId "__proxyFunctions"; dates travel as {__proxyDate: ms}.

const CHANNEL_ID = 1;

export function createHostChannel({ getTargetWindow, targetOrigin, onWarning, onCall }) {
  const registry = {};
  const proxyFunctions = {};
  const pending = {};
  let nextProxyId = 1;
  let nextMessageId = 1;

  function post(message) {
    const target = getTargetWindow();
    if (target) target.postMessage(JSON.stringify(message), targetOrigin);
  }

  function serialize(value, settings, parents = []) {
    if (value === undefined || value === null) return value;
    if (typeof value === 'function') {
      const id = nextProxyId++;
      proxyFunctions['proxy' + id] = (...args) => value(...args);
      return { __proxyFunctionId: id, _channelId: CHANNEL_ID };
    }
    if (typeof value !== 'object') return value;
    if (value instanceof Date) return { __proxyDate: value.getTime() };
    if (value instanceof Error)
      return { name: value.name, message: value.message, status: value.status, serverError: value.serverError };
    if (parents.includes(value) || parents.length > 100) return undefined;
    const next = [...parents, value];
    if (Array.isArray(value)) return value.map((item) => serialize(item, settings, next));
    const out = {};
    for (const key of Object.keys(value)) {
      if (key[0] === '_' && !(settings && settings.includeUnderscoreProperties)) continue;
      if (key === '__proxyFunctionId') continue;
      const item = serialize(value[key], settings, next);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }

  function deserialize(value, circularRefs = {}) {
    if (!value || typeof value !== 'object') return value;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (key === '__circularReferenceId' && typeof item === 'number') {
        circularRefs[item] = value;
        delete value[key];
      } else if (item && typeof item === 'object') {
        if (item.__proxyFunctionId) {
          const id = item.__proxyFunctionId;
          value[key] = (...args) =>
            invokeRemote('proxy' + id, '__proxyFunctions', args, {}, { includeUnderscoreProperties: true });
        } else if (item.__proxyDate) {
          value[key] = new Date(item.__proxyDate);
        } else if (item.__circularReference) {
          value[key] = circularRefs[item.__circularReference];
        } else {
          deserialize(item, circularRefs);
        }
      }
    }
    return value;
  }

  function reply(request, fields) {
    post({ id: request.id, ...fields, handshakeToken: request.handshakeToken });
  }

  function replyError(request, error) {
    const e = error instanceof Error ? error : new Error(String(error && error.message ? error.message : error));
    if (error && error.status) e.status = error.status;
    reply(request, { error: serialize([e], request.serializationSettings)[0] });
  }

  function dispatch(request) {
    const target = request.instanceId === '__proxyFunctions' ? proxyFunctions : registry[request.instanceId];
    if (!target) {
      onWarning(`No object "${request.instanceId}" is registered in the local host (method "${request.methodName}").`);
      return replyError(request, new Error(`The registered object ${request.instanceId} could not be found.`));
    }
    if (!request.methodName) return reply(request, { result: serialize([target], request.serializationSettings)[0] });
    const method = target[request.methodName];
    if (typeof method !== 'function') {
      onWarning(`The local host does not implement ${request.instanceId}.${request.methodName}().`);
      return replyError(request, new Error('RPC method not found: ' + request.methodName));
    }
    if (request.instanceId !== '__proxyFunctions') onCall(request.instanceId, request.methodName);
    try {
      const args = request.params ? deserialize(request.params) : [];
      Promise.resolve(method.apply(target, args)).then(
        (result) => reply(request, { result: serialize([result], request.serializationSettings)[0] }),
        (error) => replyError(request, error),
      );
    } catch (error) {
      replyError(request, error);
    }
  }

  function invokeRemote(methodName, instanceId, params, instanceContext, serializationSettings) {
    const message = {
      id: nextMessageId++,
      methodName,
      instanceId,
      instanceContext,
      params: serialize(params, serializationSettings),
      serializationSettings,
    };
    const promise = new Promise((resolve, reject) => (pending[message.id] = { resolve, reject }));
    post(message);
    return promise;
  }

  window.addEventListener('message', (event) => {
    if (event.source !== getTargetWindow() || event.origin !== targetOrigin || typeof event.data !== 'string') return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    if (message.instanceId) return dispatch(message);
    const waiting = pending[message.id];
    if (!waiting) return;
    delete pending[message.id];
    if (message.error) waiting.reject(deserialize([message.error])[0]);
    else waiting.resolve(deserialize([message.result])[0]);
  });

  return {
    register(instanceId, instance) {
      registry[instanceId] = instance;
    },
    invokeRemote,
  };
}
