//! The rustls client settings of the default transport: the webpki roots
//! plus the caller's own, or (opted into, for test environments) no
//! verification at all.

use crate::config::ConfigError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::sync::Arc;

/// A TLS client configuration trusting the webpki roots and every
/// certificate in `extra_roots` (PEM), or any certificate when `insecure`.
pub(crate) fn client_config(
    extra_roots: &[Vec<u8>],
    insecure: bool,
) -> Result<ClientConfig, ConfigError> {
    // ring, not aws-lc-rs: rustls 0.23.48 deprecates ring's provider for
    // want of post-quantum key exchange, but aws-lc-rs builds C with cmake
    // in every user's build; `aws-lc-rs` may become a feature of ours.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| ConfigError::Transport(e.to_string()))?;
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    // Read even when not used, so that a bad PEM is refused either way.
    for pem in extra_roots {
        let mut found = false;
        for certificate in CertificateDer::pem_slice_iter(pem) {
            let certificate =
                certificate.map_err(|e| ConfigError::BadCertificate(e.to_string()))?;
            roots
                .add(certificate)
                .map_err(|e| ConfigError::BadCertificate(e.to_string()))?;
            found = true;
        }
        if !found {
            return Err(ConfigError::BadCertificate(
                "no `BEGIN CERTIFICATE` section".to_owned(),
            ));
        }
    }
    let mut config = if insecure {
        tracing::warn!("TLS certificates are not verified (Config::with_insecure_tls)");
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth()
    } else {
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// Accepts any server certificate; the handshake's signatures are still
/// checked, so the peer must hold the key of the certificate it shows.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pem_without_a_certificate_is_refused() {
        let err = client_config(&[b"not a certificate".to_vec()], false).unwrap_err();
        assert!(matches!(err, ConfigError::BadCertificate(_)), "{err:?}");
        let err = client_config(
            &[b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec()],
            false,
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::BadCertificate(_)), "{err:?}");
    }
}
