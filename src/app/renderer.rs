//! Which of eframe's renderers draws the window. On a real GPU, wgpu (eframe's default). Where the
//! only adapter is a software one (Mesa's llvmpipe or lavapipe: meeting-room PCs, virtual
//! desktops, remote sessions, CI), glow: the same frames cost about a quarter of the CPU there
//! (see the README's table). `RETROLINE_RENDERER=glow|wgpu|auto` overrides the choice, and so
//! does *View > Renderer*, kept in a small file next to eframe's storage.

use std::path::{Path, PathBuf};

use eframe::egui_wgpu::wgpu;

/// What the user asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    /// glow on a software adapter, wgpu on a GPU.
    #[default]
    Auto,
    Glow,
    Wgpu,
}

impl Choice {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(Self::Auto),
            "glow" | "gl" | "opengl" => Some(Self::Glow),
            "wgpu" => Some(Self::Wgpu),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Glow => "glow",
            Self::Wgpu => "wgpu",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Renderer: automatic",
            Self::Glow => "Renderer: glow (OpenGL)",
            Self::Wgpu => "Renderer: wgpu",
        }
    }
}

/// The file that keeps the choice made in the View menu.
pub fn setting_file() -> Option<PathBuf> {
    eframe::storage_dir("retroline").map(|d| d.join("renderer"))
}

/// The choice kept in `file` (automatic when there is none or it cannot be read).
pub fn saved(file: Option<&Path>) -> Choice {
    file.and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|text| Choice::parse(&text))
        .unwrap_or_default()
}

/// Keeps `choice` in `file` for the next start.
pub fn save(file: &Path, choice: Choice) -> Result<(), String> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(file, choice.name()).map_err(|e| format!("{}: {e}", file.display()))
}

/// The renderer to open the window with, and why, for the log.
pub fn pick(env: Option<&str>, saved: Choice) -> (eframe::Renderer, String) {
    let (choice, source) = match env.map(|e| (e, Choice::parse(e))) {
        Some((_, Some(choice))) => (choice, "RETROLINE_RENDERER"),
        Some((text, None)) => {
            log::warn!("RETROLINE_RENDERER={text:?} is not glow, wgpu or auto; choosing by itself");
            (saved, "the View menu")
        }
        None => (saved, "the View menu"),
    };
    match choice {
        Choice::Glow => (eframe::Renderer::Glow, format!("glow, as {source} asks")),
        Choice::Wgpu => (eframe::Renderer::Wgpu, format!("wgpu, as {source} asks")),
        Choice::Auto => match best_adapter() {
            Some(info) if info.device_type != wgpu::DeviceType::Cpu => (
                eframe::Renderer::Wgpu,
                format!("wgpu, on {} ({:?})", info.name, info.device_type),
            ),
            Some(info) => (
                eframe::Renderer::Glow,
                format!(
                    "glow: the only graphics adapter is {}, which draws on the CPU",
                    info.name
                ),
            ),
            None => (
                eframe::Renderer::Glow,
                "glow: wgpu finds no graphics adapter".to_owned(),
            ),
        },
    }
}

/// The adapter wgpu would draw the window with.
fn best_adapter() -> Option<wgpu::AdapterInfo> {
    let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
    descriptor.backends.remove(wgpu::Backends::BROWSER_WEBGPU);
    let instance = wgpu::Instance::new(descriptor);
    let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
        power_preference: wgpu::PowerPreference::HighPerformance,
        ..Default::default()
    }))
    .ok()?;
    Some(adapter.get_info())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_renderer_is_taken_as_asked_and_nonsense_is_not() {
        assert_eq!(Choice::parse(" GLOW\n"), Some(Choice::Glow));
        assert_eq!(Choice::parse("wgpu"), Some(Choice::Wgpu));
        assert_eq!(Choice::parse("vulkan"), None);
        let (renderer, why) = pick(Some("glow"), Choice::Wgpu);
        assert_eq!(renderer, eframe::Renderer::Glow);
        assert!(why.contains("RETROLINE_RENDERER"), "{why}");
        let (renderer, _) = pick(None, Choice::Wgpu);
        assert_eq!(renderer, eframe::Renderer::Wgpu);
    }

    #[test]
    fn the_choice_is_kept_in_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("sub").join("renderer");
        assert_eq!(saved(Some(&file)), Choice::Auto);
        save(&file, Choice::Glow).expect("saved");
        assert_eq!(saved(Some(&file)), Choice::Glow);
    }
}
