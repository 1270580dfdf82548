/**
 * @peculiar/x509, loaded the one way that works: its dependency injection needs the Reflect
 * metadata polyfill evaluated first (also brought by @simplewebauthn/server), and it uses the
 * platform's WebCrypto. Import x509 from here, never from the package directly.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

export { x509 };
