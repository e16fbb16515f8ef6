// SPDX-License-Identifier: GPL-3.0-or-later
// Unmodified @polkadot/api (no custom types) against a Convene dev node: a transfer signed with
// its fee paid in a community currency (`{ assetId }`, the location wallets give Asset Hub's
// ChargeAssetTxPayment), then every block of the chain decoded, the one with the transfer
// checked field by field. Run by client/tests/cli.rs with CONVENE_WS (the node's URL) and
// CONVENE_CID_HEX (the community identifier's 9 SCALE bytes); prints one JSON line.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';

const url = process.env.CONVENE_WS;
const cid = hexToU8a(process.env.CONVENE_CID_HEX);
if (!url || cid.length !== 9) {
	console.error('set CONVENE_WS and CONVENE_CID_HEX (9 bytes)');
	process.exit(2);
}

// The community's currency as a fee asset: no parents, one GeneralKey junction holding the
// identifier's 9 bytes, zero-padded to 32.
const key = new Uint8Array(32);
key.set(cid);
const assetId = { parents: 0, interior: { X1: [{ GeneralKey: { length: 9, data: u8aToHex(key) } }] } };

const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
try {
	const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
	const alice = keyring.addFromUri('//Alice');
	const bob = keyring.addFromUri('//Bob');

	// Sign and send; wait until the transaction is in a block.
	const blockHash = await new Promise((resolve, reject) => {
		api.tx.balances
			.transferKeepAlive(bob.address, 1_000_000_000n)
			.signAndSend(alice, { assetId }, ({ status, dispatchError }) => {
				if (dispatchError) reject(new Error(`dispatch error: ${dispatchError.toString()}`));
				else if (status.isInBlock) resolve(status.asInBlock);
				// An instant-sealed dev chain reports Finalized without InBlock.
				else if (status.isFinalized) resolve(status.asFinalized);
				else if (status.isDropped || status.isInvalid || status.isUsurped) reject(new Error(status.type));
			})
			.catch(reject);
	});

	// Every block from genesis to the best one decodes.
	const best = (await api.rpc.chain.getHeader()).number.toNumber();
	let extrinsics = 0;
	for (let n = 0; n <= best; n++) {
		const hash = await api.rpc.chain.getBlockHash(n);
		const block = await api.rpc.chain.getBlock(hash);
		for (const ext of block.block.extrinsics) {
			ext.toHuman();
			extrinsics++;
		}
	}

	// The transfer's block: its extrinsic carries the asset, and the fee was paid in it.
	const { block } = await api.rpc.chain.getBlock(blockHash);
	const ours = block.extrinsics.find((e) => e.isSigned && e.signer.toString() === alice.address);
	if (!ours) throw new Error('the transfer is not in its block');
	const events = await (await api.at(blockHash)).query.system.events();
	const feePaid = events.find(
		({ event }) => event.section === 'communityBalances' && event.method === 'FeePaid',
	);
	console.log(JSON.stringify({
		block: blockHash.toHex(),
		blocks: best + 1,
		extrinsics,
		section: ours.method.section,
		method: ours.method.method,
		assetId: ours.assetId.toJSON(),
		// The event's fields by name (`cid`, `who`, `amount`), as the metadata names them.
		feePaid: feePaid
			? Object.fromEntries(feePaid.event.data.names.map((n, i) => [n, feePaid.event.data[i].toString()]))
			: null,
	}));
} finally {
	await api.disconnect();
}
