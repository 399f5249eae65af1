// The ExtensionDataManager the host hands out from ms.vss-features.extension-data-service.
// Like the real host it talks to the ExtensionManagement "Data" REST API (here: the fake one), so
// documents outlive page reloads. Scopes: "Default" → value "Current", "User" → value "Me".
// getValue/setValue keep their values in the "$settings" collection as {id: key, value}.

const SETTINGS = '$settings';

function scopeOf(options) {
  const scopeType = (options && options.scopeType) || 'Default';
  const scopeValue = (options && options.scopeValue) || (scopeType.toLowerCase() === 'user' ? 'Me' : 'Current');
  return { scopeType, scopeValue };
}

export function createExtensionDataManager(config, extensionId, accessToken) {
  const dot = String(extensionId || '').indexOf('.');
  const publisher = dot > 0 ? extensionId.slice(0, dot) : config.extension.publisherId;
  const extension = dot > 0 ? extensionId.slice(dot + 1) : config.extension.extensionId;
  const enc = encodeURIComponent;

  function url(collection, options, id) {
    const { scopeType, scopeValue } = scopeOf(options);
    const base =
      `${config.devopsRoot}_apis/ExtensionManagement/InstalledExtensions/${enc(publisher)}/${enc(extension)}` +
      `/Data/Scopes/${enc(scopeType)}/${enc(scopeValue)}/Collections/${enc(collection)}/Documents`;
    return id === undefined ? base : `${base}/${enc(id)}`;
  }

  async function call(method, target, body) {
    const response = await fetch(target, {
      method,
      headers: {
        Authorization: 'Bearer ' + (accessToken || config.adoToken),
        Accept: 'application/json;api-version=7.2-preview.1;excludeUrls=true;enumsAsNumbers=true;noArrayWrap=true',
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const error = new Error((parsed && parsed.message) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.serverError = parsed;
      throw error;
    }
    return parsed;
  }

  const manager = {
    getDocument: (collection, id, options) => call('GET', url(collection, options, id)),
    getDocuments: (collection, options) => call('GET', url(collection, options)),
    createDocument: (collection, doc, options) => call('POST', url(collection, options), doc),
    setDocument: (collection, doc, options) => call('PUT', url(collection, options), doc),
    updateDocument: (collection, doc, options) => call('PATCH', url(collection, options), doc),
    deleteDocument: async (collection, id, options) => {
      await call('DELETE', url(collection, options, id));
    },
    async getValue(key, options) {
      try {
        const doc = await manager.getDocument(SETTINGS, key, options);
        return doc ? doc.value : options && options.defaultValue;
      } catch (e) {
        if (e.status === 404) return options && options.defaultValue;
        throw e;
      }
    },
    async setValue(key, value, options) {
      const doc = await manager.setDocument(SETTINGS, { id: key, __etag: -1, value }, options);
      return doc.value;
    },
    async queryCollections(collections) {
      return Promise.all(
        (collections || []).map(async (c) => ({ ...c, documents: await manager.getDocuments(c.collectionName, c) })),
      );
    },
    queryCollectionsByName: (names) =>
      manager.queryCollections(
        (names || []).map((collectionName) => ({ collectionName, scopeType: 'Default', scopeValue: 'Current' })),
      ),
  };
  return manager;
}
