//! Writes the test and benchmark images as archives, for the bench scripts:
//!
//!   cargo run --release --example mkfixture -- busybox OUT.tar
//!   cargo run --release --example mkfixture -- synthetic LAYERS FILES MBYTES OUT.tar
//!   cargo run --release --example mkfixture -- tiny LABEL OUT.tar   (a small rootfs tar for import)
//!
//! The images are the same ones the tests build (tests/common/fixtures.rs).

#[path = "../tests/common/fixtures.rs"]
mod fixtures;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_else(|| usage());
    match arg(0) {
        "busybox" => {
            fixtures::docker_archive(arg(1).as_ref(), &[&fixtures::busybox(&["busybox:latest"])])
        }
        "synthetic" => {
            let n = |i| arg(i).parse::<usize>().unwrap_or_else(|_| usage());
            let img = fixtures::synthetic(
                n(1),
                n(2),
                n(3) << 20,
                &["localhost/bench/synthetic:latest"],
            );
            fixtures::docker_archive(arg(4).as_ref(), &[&img]);
        }
        "tiny" => {
            let layer = fixtures::LayerBuilder::new()
                .file("hello", 0o644, arg(1).as_bytes())
                .build();
            std::fs::write(arg(2), layer).unwrap();
        }
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: mkfixture busybox OUT | synthetic LAYERS FILES MBYTES OUT | tiny TEXT OUT");
    std::process::exit(2)
}
