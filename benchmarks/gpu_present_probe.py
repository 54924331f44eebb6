"""What pygame-ce's GPU renderer (`pygame._sdl2.video`) costs here: a frame composed by the
renderer from textures, against the software frame uploaded as one texture.

Run under a display server, for example
`SDL_VIDEODRIVER=x11 xvfb-run -s "-screen 0 1920x1080x24" python benchmarks/gpu_present_probe.py`.

`gpu-compose`: the background as one texture, panned by its source rectangle, and 30
sprite textures (alpha-blended) drawn by the renderer, then presented: what a port of the
viewfinder to the GPU renderer would leave to the GPU. `upload-frame`: a software frame
filled on the CPU, uploaded into a streaming texture and presented: what SDL's texture
framebuffer does with the window surface. Prints wall-clock and CPU median and p99 per
way and size, and the render driver SDL chose (Xvfb has no GPU: its OpenGL is Mesa's,
on the CPU).
"""

from __future__ import annotations

import time

import numpy as np
import pygame
from pygame._sdl2 import video

FRAMES = 150
SIZES = ((1280, 720), (1920, 1080))


def main() -> None:
    pygame.display.init()
    print("render drivers:", ", ".join(d.name for d in video.get_drivers()))
    rng = np.random.default_rng(1)
    for size in SIZES:
        window = video.Window("gpu probe", size)
        renderer = video.Renderer(window, accelerated=-1, vsync=False)
        backdrop = pygame.Surface((size[0] * 2, size[1] * 12 // 10))
        backdrop.fill((60, 120, 60))
        for x in range(0, backdrop.get_width(), 40):
            pygame.draw.circle(backdrop, (200, 100, 50), (x, size[1] // 2), 15)
        background = video.Texture.from_surface(renderer, backdrop)
        sprites = []
        for _ in range(30):
            w, h = int(rng.integers(40, 400)), int(rng.integers(80, 900))
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            surf.fill((200, 50, 50, 180))
            texture = video.Texture.from_surface(renderer, surf)
            texture.blend_mode = pygame.BLENDMODE_BLEND
            sprites.append((texture, (w, h)))
        frame = pygame.Surface(size)
        streaming = video.Texture(renderer, size, streaming=True)
        for way in ("gpu-compose", "upload-frame"):
            wall, cpu = [], []
            for i in range(FRAMES):
                t, c = time.perf_counter(), time.thread_time()
                if way == "gpu-compose":
                    background.draw(srcrect=(i * 3 % size[0], 0, size[0], size[1]), dstrect=(0, 0, *size))
                    for j, (texture, (w, h)) in enumerate(sprites):
                        texture.draw(dstrect=((j * 97 + i) % size[0], (j * 53) % size[1], w, h))
                else:
                    frame.fill((i % 255, 30, 30))
                    streaming.update(frame)
                    streaming.draw()
                renderer.present()
                cpu.append(time.thread_time() - c)
                wall.append(time.perf_counter() - t)
            w_ms, c_ms = np.array(wall) * 1e3, np.array(cpu) * 1e3
            print(
                f"{way:<13} {size[0]}x{size[1]}: wall median {np.median(w_ms):7.2f} ms, "
                f"p99 {np.percentile(w_ms, 99):7.2f} ms; "
                f"CPU median {np.median(c_ms):5.2f} ms, p99 {np.percentile(c_ms, 99):5.2f} ms"
            )
        del renderer
        window.destroy()


if __name__ == "__main__":
    main()
