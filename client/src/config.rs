// SPDX-License-Identifier: GPL-3.0-or-later
//! The chain's configuration for subxt: Polkadot's extrinsic format, with fees payable in a
//! community currency (the `ChargeAssetTxPayment` extension's asset is the community's
//! location, `convene_primitives::community::FeeAsset`, in the shape wallets use).
use subxt::{
	config::{
		substrate::{SubstrateConfig, SubstrateHeader},
		Config, DefaultTransactionExtensions, HashFor, Hasher,
	},
	metadata::ArcMetadata,
	utils::{AccountId32, MultiAddress, MultiSignature, Static},
};

/// Convene: `AccountId32`, `MultiAddress<AccountId32, ()>`, `MultiSignature`, blake2-256, and
/// community currencies as the fee asset.
#[derive(Clone, Debug, Default)]
pub struct ConveneConfig(SubstrateConfig);

/// Transaction parameters (nonce, mortality, tip, fee asset) for [`ConveneConfig`].
pub type TxParams = subxt::config::DefaultExtrinsicParamsBuilder<ConveneConfig>;

/// The fee asset: the location of a community currency (`FeeAsset::from(cid)`).
pub type FeeAsset = Static<convene_primitives::community::FeeAsset>;

impl Config for ConveneConfig {
	type AccountId = AccountId32;
	type Address = MultiAddress<AccountId32, ()>;
	type Signature = MultiSignature;
	type Hasher = <SubstrateConfig as Config>::Hasher;
	type Header = SubstrateHeader<<Self::Hasher as Hasher>::Hash>;
	type TransactionExtensions = DefaultTransactionExtensions<Self>;
	type AssetId = FeeAsset;

	fn genesis_hash(&self) -> Option<HashFor<Self>> {
		self.0.genesis_hash()
	}

	// Metadata is kept per runtime version: without this, subxt fetched and decoded the whole
	// metadata again for every block a query or transaction was made at.
	fn metadata_for_spec_version(&self, spec_version: u32) -> Option<ArcMetadata> {
		self.0.metadata_for_spec_version(spec_version)
	}

	fn set_metadata_for_spec_version(&self, spec_version: u32, metadata: ArcMetadata) {
		self.0.set_metadata_for_spec_version(spec_version, metadata)
	}
}
